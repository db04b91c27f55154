from beian.documents.models import Material


def active_materials(*, order):
    return Material.objects.filter(order=order, status=Material.ACTIVE)


def materials_for_precheck(*, order) -> list[dict]:
    return [m.as_precheck() for m in active_materials(order=order)]

from django_tasks import task


@task()
def read_material(material_id: int) -> dict:
    from beian.documents.services import read_material_now

    return read_material_now(material_id)

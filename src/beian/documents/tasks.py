from django_tasks import task

from beian.documents.services import read_material_now


@task()
def read_material(material_id: int) -> str:
    """Only the status is returned: the database task queue keeps return values in plain, and the readings
    hold ID numbers (they stay in the sealed Material.evidence)."""
    return read_material_now(material_id).get("ocr_status", "")

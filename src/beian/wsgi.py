import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beian.settings")
application = get_wsgi_application()

# A wrong data key, or one removed while data still needs it, stops the server here with the reason
# (BEIAN_DATA_KEYS), instead of surfacing as failed pages later.
from beian.pii.services import verify_keys  # noqa: E402

verify_keys()

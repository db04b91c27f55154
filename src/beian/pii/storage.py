"""The materials storage, sealed: every file (ID photos, licences, captured face frames) is encrypted before it
reaches the backend (local files or S3) and decrypted when read, so OCR, face matching and the image views
read plain bytes while the disk or bucket only ever holds ciphertext.

Configured in STORAGES as `beian.pii.storage.EncryptedStorage` with OPTIONS `{"backend": <dotted path>,
"options": {...}}` of the real backend.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.utils.deconstruct import deconstructible
from django.utils.module_loading import import_string

from beian.pii import crypto


@deconstructible(path="beian.pii.storage.EncryptedStorage")
class EncryptedStorage(Storage):
    def __init__(self, backend: str = "django.core.files.storage.FileSystemStorage", options: dict | None = None):
        self.backend, self.options = backend, dict(options or {})
        self.inner = import_string(backend)(**self.options)

    # ---- sealed reads and writes ---------------------------------------------------------------------
    def _open(self, name, mode="rb"):
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("EncryptedStorage files are written with save(), not opened for writing")
        with self.inner.open(name, "rb") as fh:
            data = fh.read()
        return ContentFile(crypto.open_bytes(data), name=name)

    def _save(self, name, content):
        if hasattr(content, "seek"):
            content.seek(0)
        data = content.read()
        if isinstance(data, str):
            data = data.encode()
        return self.inner.save(name, ContentFile(crypto.seal_bytes(data)))

    def size(self, name):
        """The plaintext size (decrypts: callers use the model's `bytes` column where they can)."""
        with self.open(name) as fh:
            return len(fh.read())

    # ---- raw access, for key rotation ------------------------------------------------------------------
    def read_raw(self, name) -> bytes:
        with self.inner.open(name, "rb") as fh:
            return fh.read()

    def save_raw(self, name, data: bytes) -> str:
        return self.inner.save(name, ContentFile(data))

    # ---- everything else is the backend's ------------------------------------------------------------
    def delete(self, name):
        return self.inner.delete(name)

    def exists(self, name):
        return self.inner.exists(name)

    def listdir(self, path):
        return self.inner.listdir(path)

    def url(self, name):
        # Materials are served by views that check access and log the read, never by a storage URL.
        raise NotImplementedError("materials are served through access-checked views")

    def path(self, name):
        raise NotImplementedError("materials are encrypted: read them through open()")

    def get_valid_name(self, name):
        return self.inner.get_valid_name(name)

    def get_available_name(self, name, max_length=None):
        return self.inner.get_available_name(name, max_length=max_length)

    def generate_filename(self, filename):
        return self.inner.generate_filename(filename)

    def get_accessed_time(self, name):
        return self.inner.get_accessed_time(name)

    def get_created_time(self, name):
        return self.inner.get_created_time(name)

    def get_modified_time(self, name):
        return self.inner.get_modified_time(name)

"""Vietnamese text helpers: NFC on the way in, a diacritic-free fold for search."""

import unicodedata

from django.db import models

# đ/Đ are letters of their own, not d with a combining mark, so NFD does not strip them.
_EXTRA_FOLDS = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def fold(value: str) -> str:
    """Lower-case, strip diacritics and map đ to d: 'Quốc phòng' -> 'quoc phong'."""
    decomposed = unicodedata.normalize("NFD", value.translate(_EXTRA_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


class NormalizedTextModel(models.Model):
    """Stores every text field NFC-normalised, whichever way the text came in."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.normalize_text_fields()
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        self.normalize_text_fields()
        super().clean_fields(exclude=exclude)

    def normalize_text_fields(self) -> None:
        for field in self._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(self, field.attname, nfc(value))

"""Official documents as files: the NĐ 30/2020 report as .docx (docx.py) and annex tables as .xlsx (xlsx.py)."""

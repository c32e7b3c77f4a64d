-- PDF releases: the page each paragraph starts on, and what a PDF says of itself.
-- Text files keep NULL in the PDF columns; their paragraphs get a page where form feeds
-- part their pages (pdftotext's output does).
ALTER TABLE paragraphs ADD COLUMN page INTEGER;        -- page the paragraph starts on, from 1

ALTER TABLE files ADD COLUMN pages INTEGER;            -- a PDF's page count
ALTER TABLE files ADD COLUMN text_pages INTEGER;       -- of those, pages with a text layer
ALTER TABLE files ADD COLUMN producer TEXT;            -- the PDF's Producer (scanner or OCR software)
ALTER TABLE files ADD COLUMN creator TEXT;             -- the PDF's Creator (the program that made the document)
ALTER TABLE files ADD COLUMN creation_date TEXT;       -- the PDF's CreationDate, ISO 8601
ALTER TABLE files ADD COLUMN ocr TEXT;                 -- the OCR engine import --ocr ran on it (ocrmypdf), or NULL

-- list --needs-ocr: PDFs with pages that have no text layer.
CREATE INDEX files_needs_ocr ON files(id) WHERE text_pages < pages;

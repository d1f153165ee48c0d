/**
 * The formats `GET …/export?format=` serves (docs/api.md, "Exports"), declared once for the
 * server's routes, the client's "Exporter" menu and the tests.
 */
export const EXPORT_FORMATS = ['json', 'docx', 'odt', 'pdf', 'html', 'md'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export interface ExportFormatInfo {
  contentType: string
  extension: string
  /** the menu's French label */
  label: string
}

export const EXPORT_FORMAT_INFO: Record<ExportFormat, ExportFormatInfo> = {
  json: { contentType: 'application/json; charset=utf-8', extension: 'json', label: 'Données structurées (JSON)' },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
    label: 'Word (DOCX)',
  },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', extension: 'odt', label: 'OpenDocument (ODT)' },
  pdf: { contentType: 'application/pdf', extension: 'pdf', label: 'PDF' },
  html: { contentType: 'text/html; charset=utf-8', extension: 'html', label: 'Page web (HTML)' },
  md: { contentType: 'text/markdown; charset=utf-8', extension: 'md', label: 'Markdown' },
}

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value)
}

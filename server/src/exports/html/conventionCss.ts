/**
 * The printed look of a convention (HTML export and, through Chromium, the PDF): a title
 * page, parts starting on a new page, fiches as framed sheets, tables with their years,
 * landscape pages for wide tables, signatures on two columns with room to sign.
 */
export const CONVENTION_CSS = `
@page { size: A4; margin: 22mm 18mm 20mm 18mm; }
@page wide { size: A4 landscape; margin: 18mm 16mm 18mm 16mm; }
:root { color: #111; font-family: 'DejaVu Serif', 'Liberation Serif', Georgia, serif; font-size: 10.5pt; line-height: 1.4; }
body { margin: 0; }
@media screen { body { margin: 10mm auto; max-width: 190mm; padding: 0 8mm; } .table-block.wide { overflow-x: auto; } }
h1, h2, h3, h4, h5, .fiche-number, th, .signatory .organisation, .title-page .kind { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; }
.title-page { min-height: 240mm; display: flex; flex-direction: column; justify-content: center; text-align: center; break-after: page; }
.title-page p { text-align: center; }
.title-page .kind { text-transform: uppercase; word-spacing: 0.3em; color: #1f4e79; font-size: 12pt; margin: 0 0 8mm; }
.title-page h1 { font-size: 22pt; margin: 0 0 6mm; color: #1f4e79; }
.title-page .period { font-size: 14pt; margin: 0 0 14mm; }
.title-page .between { font-style: italic; margin: 0 0 3mm; }
.title-page ul { list-style: none; padding: 0; margin: 0 0 16mm; }
.title-page li { margin: 1mm 0; }
.title-page .status { font-size: 9.5pt; color: #444; }
h2 { font-size: 15pt; color: #1f4e79; border-bottom: 1.5pt solid #1f4e79; padding-bottom: 1mm; margin: 0 0 5mm; break-before: page; break-after: avoid; }
h3 { font-size: 12pt; margin: 6mm 0 2mm; break-after: avoid; }
h4 { font-size: 11pt; margin: 5mm 0 2mm; color: #333; break-after: avoid; }
h5 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; }
p { margin: 0 0 2.5mm; text-align: justify; hyphens: auto; }
p.note { font-size: 8.5pt; color: #444; }
ul, ol { margin: 0 0 2.5mm; padding-left: 7mm; }
li > p { margin: 0 0 1mm; }
.fiche { border: 1.2pt solid #1f4e79; margin: 5mm 0; break-inside: auto; }
.fiche > header { background: #1f4e79; color: #fff; padding: 2mm 3mm; break-after: avoid; }
.fiche-number { display: block; font-size: 8.5pt; text-transform: uppercase; }
.fiche-title { font-size: 12pt; margin: 0.5mm 0 0; color: #fff; }
.fiche dl { display: grid; grid-template-columns: 34mm 1fr; margin: 0; }
.fiche dt { font-weight: bold; font-size: 9pt; background: #eef3f8; padding: 1.5mm 2mm; border-top: 0.5pt solid #b8c7d9; }
.fiche dd { margin: 0; padding: 1.5mm 2.5mm; border-top: 0.5pt solid #b8c7d9; break-inside: avoid; }
.fiche dd > :last-child { margin-bottom: 0; }
.table-block { margin: 4mm 0; }
.table-block.wide { page: wide; break-before: page; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { border: 0.6pt solid #7f8c9a; padding: 1mm 1.5mm; vertical-align: top; }
th { background: #dfe8f1; font-weight: bold; text-align: center; }
td.num { text-align: right; }
.wide table { table-layout: fixed; font-size: 7.5pt; }
.wide th, .wide td { padding: 0.8mm 1mm; overflow-wrap: break-word; hyphens: auto; }
.wide col.first { width: 38mm; }
.wide col.fixed { width: 20mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm 10mm; margin-top: 4mm; }
.signatory { border-top: 0.8pt solid #1f4e79; padding-top: 2mm; break-inside: avoid; }
.signatory p { margin: 0 0 0.8mm; text-align: left; }
.signatory .organisation { font-weight: bold; }
.signatory .mandate, .signatory .place { font-size: 9pt; color: #333; }
.signatory .room { height: 24mm; border: 0.5pt dashed #aab; margin-top: 2mm; }
.version-line { font-size: 8pt; color: #555; margin-top: 8mm; border-top: 0.5pt solid #ccc; padding-top: 2mm; }
@media print { .version-line { display: none; } }
`

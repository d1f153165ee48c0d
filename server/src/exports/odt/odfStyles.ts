import { escapeXml } from './odfText.js'

export const ODF_NAMESPACES =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" ' +
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" ' +
  'xmlns:xlink="http://www.w3.org/1999/xlink" ' +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" ' +
  'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"'

const BLUE = '#1f4e79'
const SANS = 'style:font-name="Liberation Sans"'

function listLevels(kind: 'bullet' | 'number'): string {
  let xml = ''
  for (let level = 1; level <= 4; level++) {
    const indent = (0.6 * level).toFixed(1)
    const position =
      `<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">` +
      `<style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="${indent}cm" fo:text-indent="-0.5cm" fo:margin-left="${indent}cm"/>` +
      '</style:list-level-properties>'
    xml +=
      kind === 'bullet'
        ? `<text:list-level-style-bullet text:level="${level}" text:bullet-char="${level % 2 ? '•' : '–'}">${position}</text:list-level-style-bullet>`
        : `<text:list-level-style-number text:level="${level}" style:num-format="${level % 2 ? '1' : 'a'}" style:num-suffix=".">${position}</text:list-level-style-number>`
  }
  return xml
}

const paragraphStyle = (name: string, display: string, paragraph: string, text: string, extra = '') =>
  `<style:style style:name="${name}" style:display-name="${display}" style:family="paragraph" style:parent-style-name="Standard"${extra}>` +
  `<style:paragraph-properties ${paragraph}/><style:text-properties ${text}/></style:style>`

/** styles.xml: fonts, paragraph and list styles, the portrait and landscape pages with their header and footer. */
export function odfStylesXml(title: string, footerLine: string): string {
  const headerFooter =
    `<style:header><text:p text:style-name="Header">${escapeXml(title)}</text:p></style:header>` +
    `<style:footer><text:p text:style-name="Footer">${escapeXml(footerLine)} — page <text:page-number text:select-page="current">1</text:page-number> / <text:page-count>1</text:page-count></text:p></style:footer>`
  const pageLayout = (name: string, width: string, height: string, orientation: string) =>
    `<style:page-layout style:name="${name}"><style:page-layout-properties fo:page-width="${width}" fo:page-height="${height}" style:print-orientation="${orientation}" fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="1.8cm" fo:margin-right="1.8cm"/>` +
    '<style:header-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-bottom="0.4cm"/></style:header-style>' +
    '<style:footer-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>'
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles ${ODF_NAMESPACES} office:version="1.3">` +
    '<office:font-face-decls>' +
    '<style:font-face style:name="Liberation Serif" svg:font-family="\'Liberation Serif\'" style:font-family-generic="roman"/>' +
    '<style:font-face style:name="Liberation Sans" svg:font-family="\'Liberation Sans\'" style:font-family-generic="swiss"/>' +
    '</office:font-face-decls><office:styles>' +
    '<style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>' +
    '<style:text-properties style:font-name="Liberation Serif" fo:font-size="10.5pt" fo:language="fr" fo:country="FR" fo:hyphenate="true"/></style:default-style>' +
    '<style:style style:name="Standard" style:family="paragraph" style:class="text"><style:paragraph-properties fo:margin-bottom="0.2cm" fo:text-align="justify"/></style:style>' +
    paragraphStyle(
      'Title',
      'Title',
      'fo:text-align="center" fo:margin-top="5cm" fo:margin-bottom="0.6cm"',
      `${SANS} fo:font-size="22pt" fo:font-weight="bold" fo:color="${BLUE}"`,
    ) +
    paragraphStyle(
      'Kind',
      'Kind',
      'fo:text-align="center" fo:margin-top="3cm"',
      `${SANS} fo:font-size="12pt" fo:text-transform="uppercase" fo:letter-spacing="0.1cm" fo:color="${BLUE}"`,
    ) +
    paragraphStyle('Centered', 'Centered', 'fo:text-align="center" fo:margin-bottom="0.15cm"', '') +
    paragraphStyle('Period', 'Period', 'fo:text-align="center" fo:margin-bottom="1.2cm"', 'fo:font-size="14pt"') +
    paragraphStyle(
      'Status',
      'Status',
      'fo:text-align="center" fo:margin-top="1.5cm" fo:break-after="page"',
      'fo:font-size="9pt" fo:color="#444444"',
    ) +
    paragraphStyle(
      'Heading_20_1',
      'Heading 1',
      `fo:break-before="page" fo:margin-bottom="0.4cm" fo:keep-with-next="always" fo:border-bottom="1.5pt solid ${BLUE}" fo:padding-bottom="0.1cm"`,
      `${SANS} fo:font-size="15pt" fo:font-weight="bold" fo:color="${BLUE}"`,
      ' style:default-outline-level="1" style:class="text"',
    ) +
    paragraphStyle(
      'Heading_20_2',
      'Heading 2',
      'fo:margin-top="0.5cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"',
      `${SANS} fo:font-size="12pt" fo:font-weight="bold"`,
      ' style:default-outline-level="2" style:class="text"',
    ) +
    paragraphStyle(
      'Heading_20_3',
      'Heading 3',
      'fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"',
      `${SANS} fo:font-size="11pt" fo:font-weight="bold" fo:color="#333333"`,
      ' style:default-outline-level="3" style:class="text"',
    ) +
    paragraphStyle(
      'Heading_20_4',
      'Heading 4',
      'fo:margin-top="0.3cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always"',
      `${SANS} fo:font-size="10.5pt" fo:font-weight="bold"`,
      ' style:default-outline-level="4" style:class="text"',
    ) +
    paragraphStyle('Note', 'Note', 'fo:margin-bottom="0.2cm"', 'fo:font-size="8.5pt" fo:color="#444444"') +
    paragraphStyle(
      'Table_20_Contents',
      'Table Contents',
      'fo:margin-bottom="0cm" fo:text-align="start"',
      'fo:font-size="8.5pt"',
    ) +
    paragraphStyle(
      'Table_20_Number',
      'Table Number',
      'fo:margin-bottom="0cm" fo:text-align="end"',
      'fo:font-size="8.5pt"',
    ) +
    paragraphStyle(
      'Table_20_Heading',
      'Table Heading',
      'fo:margin-bottom="0cm" fo:text-align="center"',
      `${SANS} fo:font-size="8.5pt" fo:font-weight="bold"`,
    ) +
    paragraphStyle(
      'Sheet_20_Number',
      'Sheet Number',
      'fo:margin-bottom="0cm"',
      `${SANS} fo:font-size="8.5pt" fo:color="#ffffff" fo:text-transform="uppercase"`,
    ) +
    paragraphStyle(
      'Sheet_20_Title',
      'Sheet Title',
      'fo:margin-bottom="0cm"',
      `${SANS} fo:font-size="12pt" fo:font-weight="bold" fo:color="#ffffff"`,
    ) +
    paragraphStyle(
      'Sheet_20_Label',
      'Sheet Label',
      'fo:margin-bottom="0cm" fo:text-align="start"',
      `${SANS} fo:font-size="9pt" fo:font-weight="bold"`,
    ) +
    paragraphStyle('Signature', 'Signature', 'fo:margin-bottom="0.05cm" fo:text-align="start"', '') +
    paragraphStyle(
      'Signature_20_Organisation',
      'Signature Organisation',
      'fo:margin-bottom="0.05cm" fo:text-align="start"',
      `${SANS} fo:font-weight="bold"`,
    ) +
    paragraphStyle(
      'Signature_20_Detail',
      'Signature Detail',
      'fo:margin-bottom="0.05cm" fo:text-align="start"',
      'fo:font-size="9pt" fo:color="#333333"',
    ) +
    paragraphStyle(
      'Header',
      'Header',
      'fo:text-align="center" fo:border-bottom="0.5pt solid #999999"',
      'fo:font-size="8pt" fo:color="#555555"',
    ) +
    paragraphStyle('Footer', 'Footer', 'fo:text-align="start"', 'fo:font-size="8pt" fo:color="#555555"') +
    `<text:list-style style:name="Bullets">${listLevels('bullet')}</text:list-style>` +
    `<text:list-style style:name="Numbers">${listLevels('number')}</text:list-style>` +
    '</office:styles><office:automatic-styles>' +
    pageLayout('PortraitLayout', '21cm', '29.7cm', 'portrait') +
    pageLayout('LandscapeLayout', '29.7cm', '21cm', 'landscape') +
    '</office:automatic-styles><office:master-styles>' +
    `<style:master-page style:name="Standard" style:page-layout-name="PortraitLayout">${headerFooter}</style:master-page>` +
    `<style:master-page style:name="Landscape" style:page-layout-name="LandscapeLayout">${headerFooter}</style:master-page>` +
    '</office:master-styles></office:document-styles>'
  )
}

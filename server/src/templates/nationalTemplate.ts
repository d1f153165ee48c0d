import { CONVENTION_FORMAT, createId, migrateV1, parseCellValue, yearsOf } from '@ctg/shared'
import type { CellValue, Convention, ConventionBlockV1 as ConventionBlock, ConventionV1, Period } from '@ctg/shared'

function cell(text: string): CellValue {
  return parseCellValue(text)
}

function heading(level: 1 | 2 | 3, text: string): ConventionBlock {
  return { type: 'heading', level, text }
}

function paragraph(text: string): ConventionBlock {
  return { type: 'paragraph', text }
}

function list(items: string[], ordered = false): ConventionBlock {
  return { type: 'list', ordered, items: items.map((text) => ({ text })) }
}

const ARTICLES: [string, string][] = [
  [
    'Objet',
    'Indiquez ici ce que la convention organise : le partenariat entre la Caf et la collectivité, le territoire couvert et le projet social de territoire qu’elle met en œuvre.',
  ],
  [
    'Champs d’intervention de la Caf',
    'Décrivez les missions de la Caf sur le territoire (prestations, accès aux droits, soutien aux équipements et services) et les domaines dans lesquels elle s’engage au titre de cette convention.',
  ],
  [
    'Champs d’intervention de la collectivité',
    'Précisez les compétences exercées par l’EPCI et par les communes signataires, en distinguant ce qui relève de chacun (petite enfance, enfance, jeunesse, vie sociale, habitat…).',
  ],
  [
    'Objectifs partagés au regard des besoins',
    'Résumez les enjeux mis en évidence par le diagnostic partagé (annexe 1) et les objectifs communs retenus pour y répondre. Le détail des actions figure dans le plan d’actions (annexe 3).',
  ],
  [
    'Engagements des signataires',
    'Listez les engagements réciproques des parties : moyens humains et financiers mobilisés, participation aux instances, transmission des informations nécessaires au suivi.',
  ],
  [
    'Modalités de collaboration',
    'Expliquez comment les partenaires travaillent ensemble au quotidien : interlocuteurs désignés, rythme des rencontres, association des acteurs locaux. Les instances de pilotage sont détaillées en annexe 4.',
  ],
  [
    'Échanges de données (RGPD)',
    'Indiquez quelles données peuvent être échangées entre les parties, pour quelles finalités, et rappelez les obligations de chacun au regard du règlement général sur la protection des données.',
  ],
  [
    'Communication',
    'Précisez comment le partenariat est rendu visible (mention des signataires, logos, supports d’information) et comment les parties s’informent mutuellement avant toute communication.',
  ],
  [
    'Suivi, bilan et évaluation',
    'Décrivez le dispositif de suivi : fréquence de mise à jour des actions et des indicateurs, bilan intermédiaire, évaluation finale et personnes chargées de la collecte.',
  ],
  [
    'Durée',
    'Indiquez les dates de début et de fin de la convention. Vous pouvez préciser les conditions de préparation de la convention suivante.',
  ],
  [
    'Exécution formelle (avenants)',
    'Rappelez que toute modification de la convention fait l’objet d’un avenant écrit, validé par les instances compétentes et signé par l’ensemble des parties.',
  ],
  [
    'Fin de la convention',
    'Précisez les cas de résiliation anticipée (manquement, commun accord, changement de circonstances), le préavis applicable et les suites à donner aux engagements en cours.',
  ],
  [
    'Recours',
    'Indiquez la juridiction compétente en cas de litige et, le cas échéant, la recherche préalable d’une solution amiable entre les parties.',
  ],
  [
    'Confidentialité',
    'Rappelez que les informations non publiques échangées dans le cadre de la convention ne peuvent être divulguées sans l’accord de la partie qui les a transmises.',
  ],
]

const ANNEXES: [string, string][] = [
  [
    'Diagnostic partagé',
    'Présentez ici les principales données du territoire (population, familles, revenus, offre d’accueil, vie sociale, logement) et les constats partagés lors de la concertation.',
  ],
  [
    'Liste des équipements et services soutenus',
    'Dressez la liste des structures et services concernés en indiquant pour chacun le nom, le gestionnaire, le type d’équipement et la commune d’implantation.',
  ],
  [
    'Plan d’actions',
    'Organisez le plan d’actions par axe ou par thématique. Chaque action est décrite dans une fiche action ; les indicateurs sont regroupés dans des tableaux couvrant toute la période.',
  ],
  [
    'Modalités de pilotage',
    'Décrivez les instances de gouvernance (comité de pilotage, comité technique, groupes thématiques), leur composition, leur rôle et leur fréquence de réunion.',
  ],
  [
    'Délibérations',
    'Joignez les délibérations des assemblées de chaque collectivité signataire autorisant la signature de la convention.',
  ],
]

/** The national model, written in version 1 of the export (it has no parties block yet) and migrated. */
export function nationalTemplate(title: string, period: Period): Convention {
  return migrateV1(nationalTemplateV1(title, period))
}

function nationalTemplateV1(title: string, period: Period): ConventionV1 {
  const years = yearsOf(period)
  const midYear = Math.min(period.start + 1, period.end)
  const tableId = createId()

  const fiche: ConventionBlock = {
    type: 'ficheAction',
    id: createId(),
    number: 1,
    title: 'Adapter l’offre d’accueil du jeune enfant aux besoins des familles',
    theme: { code: 'petite_enfance', label: 'Petite enfance' },
    objective:
      'Exemple : garantir à chaque famille une solution d’accueil adaptée à ses horaires et à ses ressources, en développant et en rééquilibrant l’offre entre les communes du territoire.',
    keyActions: [
      {
        id: createId(),
        number: '1.1',
        label: 'Réaliser une étude des besoins d’accueil par commune et par type de mode de garde',
        pilot: '',
        deadline: period.start,
        status: 'a_engager',
      },
      {
        id: createId(),
        number: '1.2',
        label: 'Accompagner la création de places nouvelles en établissement d’accueil du jeune enfant',
        pilot: '',
        deadline: midYear,
        status: 'a_engager',
      },
    ],
    expectedResult: 'Décrivez les effets attendus pour les familles (par exemple : hausse du taux de couverture).',
    targetAudience: 'Familles avec enfants de moins de 3 ans',
    territory: 'Ensemble du territoire de l’EPCI',
    partners: ['Caf', 'Conseil départemental (PMI)', 'Relais petite enfance', 'Gestionnaires d’EAJE'],
    pilot: '',
    funding: '',
    schedule: { startYear: period.start, endYear: period.end },
    indicators: {
      items: ['Nombre de places en EAJE', 'Taux de couverture en accueil du jeune enfant'],
      tableId,
    },
    status: 'a_engager',
  }

  // example values for the baseline only; targets and reached values are left for the writers
  const table: ConventionBlock = {
    type: 'indicatorTable',
    id: tableId,
    title: 'Indicateurs petite enfance',
    period: { start: period.start, end: period.end },
    rows: [
      {
        id: createId(),
        label: 'Nombre de places en EAJE',
        kind: 'realisation',
        unit: 'places',
        source: 'Caf',
        baseline: { year: period.start - 1, cell: cell('') },
        years: years.map((year) => ({ year, target: cell(''), reached: cell('') })),
      },
      {
        id: createId(),
        label: 'Taux de couverture en accueil du jeune enfant',
        kind: 'resultat',
        unit: '%',
        source: 'Observatoire national de la petite enfance',
        baseline: { year: period.start - 1, cell: cell('') },
        years: years.map((year) => ({ year, target: cell(''), reached: cell('') })),
      },
    ],
  }

  const content: ConventionBlock[] = [
    heading(1, title),
    paragraph(
      `Convention Territoriale Globale conclue pour la période ${period.start}–${period.end}. Les passages entre crochets sont à remplacer par les informations propres au territoire.`,
    ),

    heading(1, 'Entre les soussignés'),
    paragraph(
      'La Caisse d’allocations familiales [Nom de la Caf], représentée par [Fonction et nom du représentant], ci-après dénommée « la Caf »,',
    ),
    paragraph('et'),
    paragraph(
      'La [Communauté de communes / Communauté d’agglomération] [Nom de l’EPCI], représentée par [Fonction et nom du représentant], dûment habilité(e) par délibération du [date], ci-après dénommée « l’EPCI »,',
    ),
    paragraph(
      'et, le cas échéant, la Commune de [Nom de la commune], représentée par son Maire, [Nom du maire], dûment habilité(e) par délibération du conseil municipal du [date].',
    ),
    paragraph('Vu :'),
    list([
      'le Code de la sécurité sociale, notamment ses dispositions relatives à l’action sociale des Caf ;',
      'le Code général des collectivités territoriales ;',
      'la convention d’objectifs et de gestion en vigueur entre l’État et la Caisse nationale des allocations familiales ;',
      'la délibération du conseil d’administration de la Caf du [date] ;',
      'la délibération du conseil communautaire de [Nom de l’EPCI] du [date] ;',
      '[autres références utiles : schéma départemental des services aux familles, projet de territoire…].',
    ]),
    paragraph('Il est convenu ce qui suit.'),

    heading(1, 'Préambule'),
    paragraph(
      'Présentez en quelques paragraphes le contexte de la convention : les orientations de la branche Famille, le projet de la collectivité, l’historique du partenariat (contrat précédent, première convention ou renouvellement) et la démarche de concertation suivie.',
    ),

    heading(1, 'Articles'),
    ...ARTICLES.flatMap(([name, guidance], i) => [heading(2, `Article ${i + 1} — ${name}`), paragraph(guidance)]),

    heading(1, 'Signatures'),
    paragraph('Fait en autant d’exemplaires originaux que de signataires.'),
    {
      type: 'signatoryBlock',
      id: createId(),
      signatories: [
        {
          id: createId(),
          organisation: 'La Caisse d’allocations familiales [Nom de la Caf]',
          kind: 'caf',
          function: 'Le Directeur / La Directrice',
          civility: null,
          name: '',
          mandate: { deliberation: '', date: null },
          place: '',
          signatureDate: null,
          signed: false,
        },
        {
          id: createId(),
          organisation: '[Nom de l’EPCI]',
          kind: 'epci',
          function: 'Le Président / La Présidente',
          civility: null,
          name: '',
          mandate: { deliberation: 'Délibération du conseil communautaire en date du', date: null },
          place: '',
          signatureDate: null,
          signed: false,
        },
      ],
    },

    heading(1, 'Annexes'),
    ...ANNEXES.flatMap(([name, guidance], i) => [
      heading(2, `Annexe ${i + 1} — ${name}`),
      paragraph(guidance),
      // the plan d'actions (annexe 3) carries an example fiche action and its indicators table
      ...(i === 2 ? [fiche, table] : []),
    ]),
  ]

  return {
    format: CONVENTION_FORMAT,
    version: 1,
    title,
    period: { start: period.start, end: period.end },
    content,
  }
}

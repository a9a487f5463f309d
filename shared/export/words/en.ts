/**
 * The words of an exported file in English (the default, since tools read
 * headers): column headers, sheet names, value labels and the About sheet's
 * labels. Plain data, no zod (shared/export/words/index.ts lists the seven).
 * `{n}` and `{header}` are filled in by shared/export/rows.ts.
 */
export const en = {
  columns: {
    table: 'Table',
    coaches: 'Coaches',
    ticket: 'Ticket',
    participant: 'Participant',
    partySize: 'Party size',
    languagesSpoken: 'Languages spoken',
    topicsWanted: 'Topics wanted',
    topicsDiscussed: 'Topics discussed',
    mode: 'Mode',
    queuedAt: 'Queued at',
    started: 'Started',
    ended: 'Ended',
    minutesReceived: 'Minutes received',
    minutesWaited: 'Minutes waited',
    outcome: 'Outcome',
    supportKind: 'Support kind',
    followUp: 'Follow-up requested',
    consent: 'Follow-up consent',
    contact: 'Contact',
    note: 'Note',
    noteKept: 'Note kept',
    followUpNote: 'Follow-up note',
    languages: 'Languages',
    entries: 'Entries',
    heads: 'People (heads)',
    servedOne: 'Served one-to-one',
    servedGroup: 'Served in a group',
    plenaryOnly: 'Plenary only',
    noShows: 'No-shows',
    left: 'Left before being served',
    notReached: 'Not reached',
    removed: 'Removed',
    stillAtTable: 'Still at the table',
    sentOn: 'Sent on (counted at the other table)',
    interactions: 'Interactions',
    oneToOne: 'One-to-one',
    group: 'Group',
    plenary: 'Plenary',
    topicFocus: 'Topic focus',
    rotationTurns: 'Rotation turns',
    minutesCoached: 'Minutes coached',
    medianWait: 'Median wait (minutes)',
    meanWait: 'Mean wait (minutes)',
    longestWait: 'Longest wait (minutes)',
    followUpsRequested: 'Follow-ups requested',
    followUpsConsent: 'Follow-ups with consent',
    metAt: 'Met at',
    recordedAt: 'Recorded at',
    laptop: 'Laptop',
    name: 'Name',
    thisLaptop: 'This laptop',
    operations: 'Operations',
    firstOperation: 'First operation',
    lastOperation: 'Last operation',
    notHeardFrom: 'Not heard from',
    tables: 'Tables',
  },
  /** A time column's UTC twin. */
  utcColumn: '{header} (UTC)',
  sheets: {
    about: 'About this export',
    interactions: 'Interactions',
    tables: 'Tables',
    followups: 'Follow-ups',
    devices: 'Laptops',
  },
  modes: {
    one_to_one: 'one-to-one',
    group: 'group',
    plenary: 'plenary',
    topic_focus: 'topic focus',
    rotation: 'sub-group rotation',
  },
  outcomes: {
    served: 'served',
    served_group: 'served in a group',
    plenary_only: 'plenary only',
    no_show: 'no-show',
    left: 'left before being served',
    not_reached: 'not reached',
    removed: 'removed',
    transferred: 'sent to another table',
    in_turn: 'being coached',
    waiting: 'waiting',
    away: 'stepped away',
  },
  values: {
    yes: 'yes',
    no: 'no',
    shared: 'shared',
    ticket: 'Ticket {n}',
    allTables: 'All tables',
  },
  about: {
    event: 'Event',
    date: 'Date',
    place: 'Place',
    exportedAt: 'Exported at',
    exportedBy: 'Exported by',
    privacy: 'Privacy level',
    times: 'Times',
    schema: 'Database schema',
    tables: 'Tables',
    people: 'People',
    interactions: 'Interactions',
    included: 'What is included',
  },
  privacy: {
    full:
      "Full: participants' names, notes the coaches shared (never a private note), " +
      'and contact details given with consent.',
    anonymised:
      'Anonymised: ticket numbers instead of names; no notes, follow-up notes or other free text; no contact details.',
    followups:
      'Follow-up list: only people who agreed to be contacted for a mentoring follow-up, ' +
      'with their contact details and the coaches who met them.',
  },
};

/** The shape every language's catalogue has (the English one's keys). */
export type ExportWords = {
  [G in keyof typeof en]: (typeof en)[G] extends string ? string : { [K in keyof (typeof en)[G]]: string };
};

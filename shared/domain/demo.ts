/**
 * The demo event: modelled on the WLIC 2018 CPDWL drop-in coaching session,
 * on today's date so the session clock makes sense. The coaches and walk-ins
 * are invented people.
 */
export const SEED_TOPICS = [
  'Career and professional development',
  'Getting involved in IFLA and professional associations',
  'International collaboration',
  'Personal learning plan and self-assessment',
  'Performance appraisal',
  'Closing competency gaps',
  'Free online and distance learning',
  'Networking and social media',
  'Personal branding',
  'Your role as a manager or leader',
  'A difficult conversation',
  'Leadership and management styles',
  'Maintaining motivation',
  'Promoting change',
  'Strengths and weaknesses as a manager',
  'Planning and executing a task',
  'Work-life balance',
  'Internships and exchanges',
] as const;

export interface DemoTable {
  name: string;
  coaches: string[];
  topics: string[];
  /** BCP 47 tags, the first the table's main language. */
  languages: string[];
  turnMinutes: number;
  walkIns: { name: string | null; topics: string[]; partySize: number; minutesAgo: number }[];
}

export interface DemoEvent {
  name: string;
  startTime: string;
  endTime: string;
  place: string;
  topics: readonly string[];
  tables: DemoTable[];
}

const t = (i: number): string => SEED_TOPICS[i] ?? SEED_TOPICS[0];

export const DEMO_EVENT: DemoEvent = {
  name: 'CPDWL drop-in career coaching (WLIC 2018 demo)',
  startTime: '11:45',
  endTime: '13:30',
  place: 'Conference Hall 1/2',
  topics: SEED_TOPICS,
  tables: [
    {
      name: 'Table 1',
      coaches: ['Amara Okafor'],
      topics: [t(0), t(3), t(8)],
      languages: ['en'],
      turnMinutes: 15,
      walkIns: [
        { name: 'Lucía Fernández', topics: [t(0), t(8)], partySize: 1, minutesAgo: 12 },
        { name: null, topics: [t(3)], partySize: 2, minutesAgo: 6 },
        { name: 'Kenji Watanabe', topics: [t(0)], partySize: 1, minutesAgo: 2 },
      ],
    },
    {
      name: 'Table 2',
      coaches: ['Henrik Lindqvist', 'Fatima Zahra Benali'],
      topics: [t(9), t(11), t(14), t(13)],
      languages: ['fr', 'en'],
      turnMinutes: 20,
      walkIns: [
        { name: 'Nguyễn Thị Mai', topics: [t(9)], partySize: 1, minutesAgo: 4 },
        { name: 'Олена Коваленко', topics: [t(11), t(13)], partySize: 3, minutesAgo: 1 },
      ],
    },
    {
      name: 'Table 3',
      coaches: ['Priya Raghavan'],
      topics: [t(1), t(2), t(17)],
      languages: ['en', 'de'],
      turnMinutes: 15,
      walkIns: [{ name: 'محمد العلي', topics: [t(1)], partySize: 1, minutesAgo: 3 }],
    },
    {
      name: 'Table 4',
      coaches: ['Sofía Marín'],
      topics: [t(6), t(7), t(16)],
      languages: ['es'],
      turnMinutes: 15,
      walkIns: [],
    },
  ],
};

/** Today's date at the laptop, as YYYY-MM-DD. */
export function localIsoDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => n.toString().padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

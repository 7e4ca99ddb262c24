/**
 * Short articles of our own for the API's tests and the load benchmark's documents: reports that code to
 * assaults, talks, arrests and protests in four countries, two of them of one shelling.
 */
export interface Article {
  id: string;
  content: string;
  published: string;
  url: string;
}

export const ARTICLES: readonly Article[] = [
  {
    id: 'kharkiv-1', published: '2031-05-06', url: 'https://alpha.test/kharkiv',
    content: 'Russian forces shelled the Ukrainian city of Kharkiv on Monday, killing three civilians and wounding twelve, regional officials said.',
  },
  {
    id: 'kharkiv-2', published: '2031-05-06', url: 'https://beta.test/news/kharkiv',
    content: "Three civilians were killed when Russian artillery shelled Kharkiv on Monday, the city's mayor said.",
  },
  {
    id: 'geneva', published: '2031-05-06', url: 'https://gamma.test/talks',
    content: 'The foreign ministers of Armenia and Azerbaijan met in Geneva on Tuesday to discuss a peace agreement, diplomats said.',
  },
  {
    id: 'nairobi', published: '2031-05-06', url: 'https://delta.test/nairobi',
    content: 'Police in Nairobi arrested 40 protesters on Friday after demonstrations against tax increases turned violent, Kenyan officials said.',
  },
];

/** One more report, stored while a client listens to the story stream. */
export const LATE_ARTICLE: Article = {
  id: 'kabul', published: '2031-05-07', url: 'https://epsilon.test/kabul',
  content: 'A suicide bomber killed six people at a market in Kabul on Wednesday, Afghan police said.',
};

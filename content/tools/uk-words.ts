/**
 * UK words that the American familiar-word lists (Spache 1974, new Dale–Chall 1995) would count as
 * unfamiliar, although a UK child meets them every day. The readability check treats them as familiar.
 *
 * Reviewed by: the content-tools helper for issue 3, 27 November 2026. Each word was checked to be
 * absent from the Spache list (and, where noted, the Dale–Chall list too) and is here only for the
 * reason beside it: UK spelling or vocabulary, or a UK name a pupil is taught. Topic words that are
 * simply new (online, password, app) are deliberately NOT here: they are unfamiliar to the formulas
 * and lessons must earn them. A UK primary teacher should re-review this list before each release.
 * Add a word only with a reason; the tests check every entry has one.
 */
export const UK_WORDS: Readonly<Record<string, string>> = {
  // The brief's own examples.
  mum: 'UK for mom (the lists have neither)',
  mummy: 'UK for mommy; what KS1 pupils say',
  maths: 'UK for math (neither list has either)',
  childline: "the UK children's helpline every band is taught (0800 1111)",
  trusted: 'half of "trusted adult", the UK safeguarding phrase taught in every band',
  adult: 'half of "trusted adult", the UK safeguarding phrase taught in every band',
  // UK family and school words.
  nan: 'UK for grandma',
  nana: 'UK for grandma',
  grandad: 'UK spelling of granddad',
  carer: 'UK for a child\'s guardian; schools say "parent or carer"',
  carers: 'plural of carer ("parents and carers"), not derivable by the suffix rule from "care"',
  'grown-up': 'what UK infant schools call an adult when talking to 4-7s',
  'grown-ups': 'plural of grown-up',
  pupil: 'UK for student (in Dale–Chall, not in Spache)',
  headteacher: 'UK for principal',
  reception: 'the UK first school year (age 4-5)',
  playtime: 'UK for recess',
  postcode: 'UK for zip code; a personal detail pupils learn not to share',
  mobile: 'UK for cell phone ("mobile phone", "my mobile")',
  telly: 'UK informal for television',
  jumper: 'UK for sweater',
  trainers: 'UK for sneakers',
  sweets: 'UK for candy',
  // UK spellings of words the lists hold in US spelling.
  colour: 'UK spelling of color',
  colours: 'UK spelling of colors',
  favourite: 'UK spelling of favorite',
  behaviour: 'UK spelling of behavior',
  neighbour: 'UK spelling of neighbor',
  centre: 'UK spelling of center',
  practise: 'UK verb spelling of practice',
  realise: 'UK spelling of realize',
  recognise: 'UK spelling of recognize',
  organise: 'UK spelling of organize',
  apologise: 'UK spelling of apologize',
  programme: 'UK spelling of program (a TV programme)',
  grey: 'UK spelling of gray',
  whilst: 'UK for while (the policy itself uses it)',
  learnt: 'UK past tense of learn',
  spelt: 'UK past tense of spell',
  // UK services named in the lessons (proper nouns at the start of a sentence escape the capital rule).
  ceop: 'the UK Child Exploitation and Online Protection command, named for KS3/KS4',
  nspcc: 'the UK children\'s charity',
};

export const ukWords: ReadonlySet<string> = new Set(Object.keys(UK_WORDS));

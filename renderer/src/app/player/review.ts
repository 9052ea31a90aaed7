/** A lesson of the learner's own that teaches a section (what "Sections to review" links to). */
export interface ReviewLesson {
  moduleId: string;
  title: string;
}

/**
 * The comment of a review (a rejection's reason, a correction's note): its length limit, the counter
 * shown near it, and a refusal of the review put in words beside the comment field. Pure, so it is
 * tested without a browser.
 */
import { ApiError, describeError } from '../api/errors.ts';

/** The server's limit (`comment: z.string().max(5000)` in src/server/routes/reviews.ts). */
export const REVIEW_COMMENT_MAX = 5000;

/** From here on the field counts its characters: earlier, a count is noise. */
const COUNT_FROM = Math.floor(REVIEW_COMMENT_MAX * 0.9);

/** The counter under the field, or null while the comment is far from the limit. */
export function commentCount(length: number): string | null {
  if (length < COUNT_FROM) return null;
  const of = `${length.toLocaleString('en-US')} of ${REVIEW_COMMENT_MAX.toLocaleString('en-US')} characters`;
  return length >= REVIEW_COMMENT_MAX ? `${of}, the limit: nothing more can be typed or pasted.` : of;
}

export interface ReviewProblem {
  text: string;
  /** The comment is at fault (the field is marked invalid), not the review as a whole. */
  onComment: boolean;
}

/** A refused review in plain words: the server's validation wording ("body comment: Too big: …") is for programs. */
export function reviewProblem(error: unknown): ReviewProblem | null {
  if (!error) return null;
  // The reviewer's own work: the server's words say it all; the advice to ask for another role does not apply.
  if (error instanceof ApiError && error.code === 'forbidden' && /\byour own\b/i.test(error.message)) return { text: describeError(error, { advice: false }), onComment: false };
  const issue = error instanceof ApiError ? error.issues.find((i) => i.path === 'comment') : undefined;
  if (!issue) return { text: describeError(error), onComment: false };
  if (/too big|too long|<=/i.test(issue.message)) {
    return { text: `This comment is too long: a comment holds at most ${REVIEW_COMMENT_MAX.toLocaleString('en-US')} characters. Shorten it, then send it again.`, onComment: true };
  }
  // Other comment refusals (a rejection without one) are written for people by the service.
  return { text: describeError(error), onComment: true };
}

/** One line of `hbsim trace`: what happened to the traced phone, when. */
export interface TraceRecord {
  t: number;
  phone: number;
  event: string;
  [field: string]: unknown;
}

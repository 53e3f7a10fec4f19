/** Who does something and when: every write is audited under this actor at this time. */
export interface ActorContext {
  /** `cli:<user>` for an admin command, `web` for a page. */
  actor: string;
  now: Date;
}

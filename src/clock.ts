// Time is injected so that tests move the clock instead of sleeping.
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

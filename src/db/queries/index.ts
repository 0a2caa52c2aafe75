// Every query of the bot, by entity. Each takes the database (or a transaction) first and one
// parameter object with the workspace, `(db, { teamId, … })`, and filters every statement on it.
export * from './actions.js';
export * from './channel-settings.js';
export * from './events.js';
export * from './job-kinds.js';
export * from './persona-writes.js';
export * from './personas.js';
export * from './reminders.js';
export * from './results.js';
export * from './reviews.js';
export * from './text-vectors.js';
export * from './house-rules.js';
export * from './examples.js';

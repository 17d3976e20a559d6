/** The domain model and the wire contract, shared by the server and the phone (zod/mini). */
export * from './common';
export * from './units';
export * from './users';
export * from './plans';
export * from './targets';
export * from './reports';
export * from './registers';
export * from './sync';
export * from './auth';
export * from './progress';

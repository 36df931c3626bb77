export * from './event.schema';
export * from './api.schema';
export * from './views';
export * from './socket-events';

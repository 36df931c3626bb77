export * from './event.schema';
export * from './api.schema';
export * from './views';
export * from './socket-events';
export * from './console.schema';
export * from './console.views';
export * from './admin.schema';

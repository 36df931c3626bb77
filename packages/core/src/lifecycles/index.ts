import type { Stream } from '../event';
import { alarmLifecycle } from './alarm.lifecycle';
import type { Lifecycle } from './lifecycle.types';
import { orderLifecycle } from './order.lifecycle';
import { truckrollLifecycle } from './truckroll.lifecycle';

export const LIFECYCLES: Record<Stream, Lifecycle> = {
  alarm: alarmLifecycle,
  order: orderLifecycle,
  truckroll: truckrollLifecycle,
};

export type { Lifecycle, LifecycleContext, LifecycleEffect, LifecycleResult } from './lifecycle.types';
export { createItem } from './item-factory';

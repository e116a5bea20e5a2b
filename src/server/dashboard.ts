import type { Route } from './internal-routes';

export const dashboardRoutes: Record<string, Partial<Record<string, Route>>> = {};

/**
 * `kontinuitet/routes`: route efficiency per staff-day (brukartid, travel, waiting, the detour
 * against the best order), the best order of a route's stops, and the travel models it uses.
 * @packageDocumentation
 */
// the results of measureRoutes show themselves in a notebook, as those of the main entry
import { showResultsInNotebooks } from '../../outputs/report/display.js';

showResultsInNotebooks();

// Measuring routes
export { measureRoutes, routes, type RoutesOptions } from './measure.js';
export type { RoutesResult, RoutesWindow, RouteSummary, RouteTotals, RouteTotalsWindow, RouteSpread, StaffDayRoute, RouteReason, TravelSource, BestSearch } from './types.js';
export { routesTable } from '../../outputs/routes/table.js';

// The best order of a route's stops
export { bestOrder, type BestOrderOptions, type BestOrderResult } from './bestOrder.js';

// Travel: straight line or road network
export { haversineKm, haversineModel, travelMatrix, type DistanceModel, type HaversineOptions, type LatLon, type Leg } from './distance.js';
export { parseRoadNetwork, readRoadNetwork, roadModel, type RoadNetwork } from './roads.js';

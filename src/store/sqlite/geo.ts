import type Database from 'better-sqlite3';
import { StoreError, type GeoRadius } from '../store.js';

const EARTH_KM = 6371.0088;
const KM_PER_DEGREE = (Math.PI * EARTH_KM) / 180;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = radians(lat2 - lat1);
  const dLon = radians(lon2 - lon1);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(lat1)) * Math.cos(radians(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Registers `dyad_km(lat1, lon1, lat2, lon2)` on a connection, for radius filters. */
export function registerGeoFunctions(db: Database.Database): void {
  db.function('dyad_km', { deterministic: true }, (lat1: unknown, lon1: unknown, lat2: unknown, lon2: unknown) => (
    typeof lat1 === 'number' && typeof lon1 === 'number' && typeof lat2 === 'number' && typeof lon2 === 'number'
      ? distanceKm(lat1, lon1, lat2, lon2) : null));
}

export function assertRadius(near: GeoRadius): void {
  const ok = Number.isFinite(near.lat) && Math.abs(near.lat) <= 90 && Number.isFinite(near.lon) && Math.abs(near.lon) <= 180
    && Number.isFinite(near.km) && near.km >= 0;
  if (!ok) throw new StoreError(`a radius needs a latitude (-90..90), a longitude (-180..180) and kilometres ≥ 0, got ${near.lat},${near.lon},${near.km}`);
}

/**
 * SQL for "within the radius" over two coordinate expressions: a bounding box first (cheap comparisons,
 * usable by an index), then the exact distance. The longitude box is left out where it would wrap (near a
 * pole or across the antimeridian); the distance test alone then decides.
 */
export function radiusCondition(near: GeoRadius, lat: string, lon: string): { sql: string; params: unknown[] } {
  assertRadius(near);
  const dLat = near.km / KM_PER_DEGREE;
  const conditions = [`${lat} BETWEEN ? AND ?`];
  const params: unknown[] = [near.lat - dLat, near.lat + dLat];
  const cos = Math.cos(radians(near.lat));
  const dLon = cos > 1e-6 ? near.km / (KM_PER_DEGREE * cos) : Infinity;
  if (near.lon - dLon >= -180 && near.lon + dLon <= 180) {
    conditions.push(`${lon} BETWEEN ? AND ?`);
    params.push(near.lon - dLon, near.lon + dLon);
  }
  conditions.push(`dyad_km(${lat}, ${lon}, ?, ?) <= ?`);
  params.push(near.lat, near.lon, near.km);
  return { sql: conditions.join(' AND '), params };
}

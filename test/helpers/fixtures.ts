/** Paths of the shared fixtures (../shared beside the checkout, as in CI) and small readers. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { splitFrames } from '../../src/feed/recording.js';

export const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/polymarket/', import.meta.url));

export const LIVE_DIR = `${FIXTURES}live-2026-07-19-polysim/`;
export const LIVE_FRAMES = `${LIVE_DIR}market-frames.jsonl`;
export const LIVE_REST_BOOK = `${LIVE_DIR}rest-book.json`;

export const UP_TOKEN = '12935926064588426924078449947177910958215776269411501731627440228801766632772';
export const DOWN_TOKEN = '17924629579804316786455515989238352689210911545477836576430679697715946894553';
export const LIVE_MARKET = '0xab772601f501b265bfe8982eb61d5347ef9945de314bfdf4ac0189c288ffb0b3';

export function fixtureText(relative: string): string {
  return readFileSync(`${FIXTURES}${relative}`, 'utf8');
}

export function fixtureJson(relative: string): unknown {
  return JSON.parse(fixtureText(relative));
}

/** Frames of a .jsonl fixture. */
export function fixtureFrames(relative: string): string[] {
  return splitFrames(fixtureText(relative));
}

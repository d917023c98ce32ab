/**
 * The venue the naming tests resolve against: a seeded simulator with three markets, a VenueApi
 * on it, the `--rest`/`--gamma` flags that point the CLI at it, and no config file.
 */
import { VenueApi } from '../../src/feed/venue-api.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';

export interface NamingVenue {
  readonly sim: Simulator;
  readonly api: VenueApi;
  /** `--rest <url> --gamma <url>` of the simulator. */
  readonly venue: string[];
}

export async function startNamingVenue(): Promise<NamingVenue> {
  process.env.POLYBOOK_CONFIG = '/nonexistent/config.json';
  const sim = await startSimulator({ seed: 3, markets: 3, rate: 0 });
  return { sim, api: new VenueApi({ rest: sim.urls.rest, gamma: sim.urls.gamma }), venue: ['--rest', sim.urls.rest, '--gamma', sim.urls.gamma] };
}

export async function stopNamingVenue(sim: Simulator): Promise<void> {
  delete process.env.POLYBOOK_CONFIG;
  await sim.close();
}

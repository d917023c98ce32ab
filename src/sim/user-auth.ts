/**
 * The user channel's key sets and its refusal, in a module of their own: the simulator's public
 * types name them without pulling the WebSocket server (and its `ws` types) into a consumer.
 */

/** An L2 API key set (the user channel's `auth`). */
export interface UserCredentials {
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase: string;
}

/** The documented default test key set (not a real Polymarket key). */
export const TEST_CREDENTIALS: UserCredentials = {
  apiKey: '00000000-5150-4f4c-5942-4f4f4b53494d',
  secret: 'cG9seWJvb2stc2ltLXRlc3Qtc2VjcmV0LW5vdC1yZWFs',
  passphrase: 'polybook-sim-passphrase',
};

export const AUTH_FAILED_CODE = 4001;
export const AUTH_FAILED_REASON = 'invalid auth';

// Test-only: a certified OpenID Provider (the npm package oidc-provider) that Daemun's relying-party conformance tests start
// themselves (tests/Daemun.Testing/OidcProviderPeer.cs). It is never part of the product.
//
// Two issuers on loopback, each on its own free port:
//   main      client_secret_basic and client_secret_post, PKCE (S256) required, refresh tokens rotated on every use
//   postOnly  the same, but discovery lists only client_secret_post in token_endpoint_auth_methods_supported
// Both hold a client to the authentication method it registered (oidc-provider alone would take either secret method).
// Once both listen, one JSON line on stdout names them: {"issuer":"http://127.0.0.1:…","postOnlyIssuer":"http://127.0.0.1:…"}.
// The process ends when its standard input closes (the test host went away) or on SIGTERM.
//
// Clients register themselves (RFC 7591 open registration at registration_endpoint): each test gets its own client, and sets its
// site's redirect_uri once the site listens (RFC 7592 update at registration_client_uri). The person is always signed in without a page: the interaction route answers at once.
// The sign-in's login_hint (a parameter Daemun forwards) steers the interaction:
//   (none) or <id>                       sign in as that account (default "kim") and grant what was asked
//   refuse:<error>[:<description>]        finish the interaction with that OAuth error (and error_description)
// Test-only admin routes (loopback only, like everything here):
//   POST /admin/rotate-keys              a new RSA signing key: id_tokens are signed with it from now on; the previous key stays
//                                        published. Answers {"kid": "<new kid>", "kids": [...published...]}.
//   GET  /admin/token-requests?client_id=…  the token endpoint requests that client made: [{"grant_type":…,"status":…}]
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import { Provider } from 'oidc-provider';
// oidc-provider's own in-memory adapter (a deep import; the version is pinned): one store per issuer, kept across key rotations
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';

const people = {
  kim: { name: '김민준', given_name: '민준', family_name: '김', email: 'minjun.kim@example.com', email_verified: true },
  lee: { name: '이서연', given_name: '서연', family_name: '이', email: 'seoyeon.lee@example.com', email_verified: true },
};

function claimsOf(accountId) {
  const person = people[accountId] ?? { name: accountId, email: `${accountId}@example.com`, email_verified: false };
  return { sub: accountId, ...person };
}

function newSigningKey() {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: crypto.randomUUID(), use: 'sig', alg: 'RS256' };
}

const cookieKeys = [crypto.randomBytes(32).toString('base64url')];

function configuration(clientAuthMethods, keys, adapter) {
  return {
    adapter,
    clients: [],
    jwks: { keys },
    cookies: { keys: cookieKeys },
    clientAuthMethods,
    pkce: { required: () => true }, // S256 is the only method oidc-provider 9 accepts
    rotateRefreshToken: true,
    scopes: ['openid', 'offline_access', 'email', 'profile', 'admin'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name'],
    },
    responseTypes: ['code'],
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true },
      registrationManagement: { enabled: true, rotateRegistrationAccessToken: false },
      revocation: { enabled: true },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => claimsOf(id) }),
    ttl: {
      AccessToken: 300,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 86400,
      Interaction: 600,
      Session: 3600,
      Grant: 86400,
    },
    renderError: (ctx, out) => {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(out);
    },
  };
}

// One issuer: its listening server, the provider instance behind it (replaced on key rotation; clients, sessions, grants and
// tokens live in the issuer's memory adapter, which the new instance shares, so they survive the swap) and what its token endpoint
// was asked.
function createIssuer(clientAuthMethods) {
  const state = { keys: [newSigningKey()], adapter: createMemoryAdapter(), provider: null, handler: null, tokenRequests: [] };

  function build(issuer) {
    const provider = new Provider(issuer, configuration(clientAuthMethods, state.keys, state.adapter));
    provider.proxy = false;
    provider.use(async (ctx, next) => {
      await next();
      if (ctx.oidc?.route === 'token') {
        state.tokenRequests.push({
          client_id: ctx.oidc.client?.clientId ?? ctx.oidc.params?.client_id ?? basicClientId(ctx.get('authorization')),
          grant_type: ctx.oidc.params?.grant_type ?? null,
          status: ctx.status,
        });
      }
    });
    provider.on('server_error', (_ctx, err) => console.error(`oidc-provider server_error: ${err?.stack ?? err}`));
    state.provider = provider;
    state.handler = provider.callback();
  }

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      if (url.pathname.startsWith('/interaction/')) return await interact(state.provider, req, res);
      if (url.pathname === '/admin/rotate-keys' && req.method === 'POST') {
        state.keys = [newSigningKey(), state.keys[0]];
        build(state.issuer);
        return json(res, 200, { kid: state.keys[0].kid, kids: state.keys.map((k) => k.kid) });
      }
      if (url.pathname === '/admin/token-requests' && req.method === 'GET') {
        const clientId = url.searchParams.get('client_id');
        return json(res, 200, state.tokenRequests.filter((r) => r.client_id === clientId));
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        const body = await readBody(req);
        req.body = body; // oidc-provider reads a body already read from req.body
        const refusal = await strictClientAuthentication(state.provider, clientAuthMethods, req.headers.authorization, body);
        if (refusal) {
          state.tokenRequests.push({ ...refusal.request, status: 401 });
          return json(res, 401, { error: 'invalid_client', error_description: refusal.reason });
        }
      }
      return state.handler(req, res);
    } catch (err) {
      console.error(`peer: ${err?.stack ?? err}`);
      if (!res.headersSent) json(res, 500, { error: 'server_error' });
      else res.end();
    }
  });

  return {
    async listen() {
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
      state.issuer = `http://127.0.0.1:${server.address().port}`;
      build(state.issuer);
      return state.issuer;
    },
    close: () => server.close(),
  };
}

// The interaction without a page: sign in the hinted (or default) account, grant what the client asked, or refuse as hinted.
async function interact(provider, req, res) {
  const details = await provider.interactionDetails(req, res);
  const { prompt, params, session } = details;
  const hint = typeof params.login_hint === 'string' ? params.login_hint : '';

  if (hint.startsWith('refuse:')) {
    const [, error, ...description] = hint.split(':');
    const result = { error };
    if (description.length > 0) result.error_description = description.join(':');
    return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }

  if (prompt.name === 'login') {
    const accountId = hint.length > 0 ? hint : 'kim';
    return provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
  }

  if (prompt.name === 'consent') {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    const missing = prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  return json(res, 400, { error: 'unexpected_prompt', prompt: prompt.name });
}

// oidc-provider accepts either secret method from a client registered with one of them; the peer holds a client to the method it
// registered (RFC 7591 token_endpoint_auth_method) and to the issuer's advertised methods, so a test proves which method was sent.
async function strictClientAuthentication(provider, allowed, authorization, body) {
  const form = new URLSearchParams(body);
  const basicId = basicClientId(authorization);
  const used = basicId !== null ? 'client_secret_basic' : form.has('client_secret') ? 'client_secret_post' : 'none';
  const clientId = basicId ?? form.get('client_id');
  const request = { client_id: clientId, grant_type: form.get('grant_type') };
  if (!allowed.includes(used)) return { request, reason: `${used} is not supported here` };
  const client = clientId ? await provider.Client.find(clientId) : undefined;
  if (client && client.clientAuthMethod !== used) return { request, reason: `the client is registered with ${client.clientAuthMethod}, not ${used}` };
  return null;
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

// The client_id of an Authorization: Basic header (RFC 6749 §2.3.1: form-urlencoded), for token requests whose authentication failed.
function basicClientId(header) {
  const match = /^Basic (.+)$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
}

function json(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const main = createIssuer(['client_secret_basic', 'client_secret_post']);
const postOnly = createIssuer(['client_secret_post']);
const issuer = await main.listen();
const postOnlyIssuer = await postOnly.listen();
process.stdout.write(`${JSON.stringify({ issuer, postOnlyIssuer })}\n`);

function stop() {
  main.close();
  postOnly.close();
  process.exit(0);
}
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);

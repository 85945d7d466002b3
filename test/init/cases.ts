/**
 * The init fixture projects under test/fixtures/projects/, one shape each, and what init must make
 * of them. Every suite of test/init/ runs over all of them.
 */

export interface FixtureCase {
  readonly name: string;
  readonly layout: "single" | "split";
  readonly library: string | null;
  readonly production: string;
  readonly development: string;
  /** Django's own pool (>= 5.1) or pgbouncer. */
  readonly pool: boolean;
  /** The Celery processes init must write: a worker, and one beat when the project has a schedule. */
  readonly celery?: "worker" | "beat";
  /** Serves ASGI with Channels: uvicorn-worker under gunicorn, the channel layer on Redis. */
  readonly channels?: boolean;
  /** Has its own Dockerfile and compose file, which init must leave as they are. */
  readonly ownDocker?: boolean;
  /** Development values that must leave the shared base module for the development one. */
  readonly devOnly?: readonly string[];
}

export const CASES: FixtureCase[] = [
  {
    name: "init-startproject",
    layout: "single",
    library: null,
    production: "mysite.settings.prod",
    development: "mysite.settings.dev",
    pool: false,
  },
  {
    name: "init-startproject-52",
    layout: "single",
    library: null,
    production: "mysite.settings.prod",
    development: "mysite.settings.dev",
    pool: true,
  },
  {
    name: "init-split",
    layout: "split",
    library: "os.environ",
    production: "config.settings.production",
    development: "config.settings.dev",
    pool: true,
  },
  {
    name: "init-decouple-poetry",
    layout: "single",
    library: "decouple",
    production: "shop.settings.prod",
    development: "shop.settings.dev",
    pool: false,
  },
  {
    name: "init-uv-environ",
    layout: "single",
    library: "environ",
    production: "blog.settings.prod",
    development: "blog.settings.dev",
    pool: true,
  },
  {
    // os.environ.get with development defaults: a secret key, DEBUG on, SQLite unless told otherwise.
    name: "init-environ-defaults",
    layout: "single",
    library: "os.environ",
    production: "notes.settings.prod",
    development: "notes.settings.dev",
    pool: false,
    devOnly: ['"dev-key"', 'os.environ.get("DEBUG", "True")'],
  },
  {
    // A Celery app (orders/celery.py, the layout of Celery's Django guide) with a beat schedule.
    name: "init-celery-beat",
    layout: "single",
    library: null,
    celery: "beat",
    production: "orders.settings.prod",
    development: "orders.settings.dev",
    pool: true,
  },
  {
    // ASGI with Channels: a ProtocolTypeRouter in asgi.py, WebSocket consumers, the in-memory layer.
    name: "init-channels",
    layout: "single",
    library: null,
    production: "chat.settings.prod",
    development: "chat.settings.dev",
    pool: false,
    channels: true,
  },
  {
    // A team that already has a Dockerfile, .dockerignore and docker-compose.yml for development.
    name: "init-own-docker",
    layout: "single",
    library: null,
    production: "crm.settings.prod",
    development: "crm.settings.dev",
    pool: true,
    ownDocker: true,
  },
];

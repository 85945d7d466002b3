/** Dotted paths Django's checks test for by exact string membership. */
export const SECURITY_MIDDLEWARE = "django.middleware.security.SecurityMiddleware";
export const XFRAME_MIDDLEWARE = "django.middleware.clickjacking.XFrameOptionsMiddleware";
export const CSRF_MIDDLEWARE = "django.middleware.csrf.CsrfViewMiddleware";
export const SESSION_MIDDLEWARE = "django.contrib.sessions.middleware.SessionMiddleware";
export const SESSIONS_APP = "django.contrib.sessions";
export const WHITENOISE_MIDDLEWARE = "whitenoise.middleware.WhiteNoiseMiddleware";

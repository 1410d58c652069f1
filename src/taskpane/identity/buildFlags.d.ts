/** Set by webpack's DefinePlugin: whether this build's manifest has WebApplicationInfo (GROUNDUP_AAD_APP_ID). */
declare const GROUNDUP_SSO: boolean;

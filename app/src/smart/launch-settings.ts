/**
 * The app's launch settings per deployment: `launch-settings.json` beside the pages (the client id registered
 * with the EHR and whether to ask for the ordering scope); a `client_id` query parameter on the launch URL
 * overrides the client id (the public SMART launcher lets you type any).
 */
export interface LaunchSettings {
  readonly clientId: string;
  readonly ordering: boolean;
}

const DEFAULTS: LaunchSettings = { clientId: 'bonemet-risk', ordering: true };

/** Reads the settings; the defaults when the file is absent or malformed. */
export async function loadLaunchSettings(url: URL): Promise<LaunchSettings> {
  let file: Partial<Record<keyof LaunchSettings, unknown>> = {};
  try {
    const res = await fetch(new URL('launch-settings.json', url), { cache: 'no-cache' });
    if (res.ok) file = (await res.json()) as typeof file;
  } catch {
    // Use the defaults: the launch still works with the default client id.
  }
  const override = url.searchParams.get('client_id');
  return {
    clientId:
      override !== null && override !== ''
        ? override
        : typeof file.clientId === 'string' && file.clientId !== ''
          ? file.clientId
          : DEFAULTS.clientId,
    ordering: typeof file.ordering === 'boolean' ? file.ordering : DEFAULTS.ordering,
  };
}

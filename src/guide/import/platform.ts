import type { Platform } from '../model.js';

/** osquery tables that exist only on Windows (osquery specs/windows), plus the windows_* and wmi_* families. */
const WINDOWS_ONLY = new Set([
  'appcompat_shims', 'authenticode', 'autoexec', 'background_activities_moderator', 'bitlocker_info', 'chassis_info',
  'chocolatey_packages', 'connectivity', 'default_environment', 'dns_cache', 'drivers', 'hvci_status', 'ie_extensions',
  'kva_speculative_info', 'logical_drive', 'logon_sessions', 'ntdomains', 'ntfs_acl_permissions', 'ntfs_journal_events',
  'office_mru', 'patches', 'physical_disk_performance', 'pipes', 'powershell_events', 'prefetch', 'programs', 'registry',
  'scheduled_tasks', 'security_profile_info', 'services', 'shared_resources', 'shellbags', 'shimcache', 'tpm_info',
  'userassist', 'video_info', 'winbaseobj',
]);
const WINDOWS_PREFIXES = ['windows_', 'wmi_'];

/** osquery tables that exist only on macOS (osquery specs/darwin). */
const MACOS_ONLY = new Set([
  'account_policy_data', 'ad_config', 'alf', 'alf_exceptions', 'alf_explicit_auths', 'app_schemes', 'apps', 'asl',
  'authorization_mechanisms', 'authorizations', 'browser_plugins', 'crashes', 'cups_destinations', 'cups_jobs',
  'disk_events', 'es_process_events', 'es_process_file_events', 'event_taps', 'gatekeeper', 'gatekeeper_approved_apps',
  'ibridge_info', 'iokit_devicetree', 'iokit_registry', 'kernel_extensions', 'kernel_panics', 'keychain_acls',
  'keychain_items', 'launchd', 'launchd_overrides', 'location_services', 'managed_policies', 'mdfind', 'mdls',
  'nfs_shares', 'nvram', 'package_bom', 'package_install_history', 'package_receipts', 'password_policy', 'plist',
  'preferences', 'quicklook_cache', 'running_apps', 'safari_extensions', 'sandboxes', 'shared_folders',
  'sharing_preferences', 'signature', 'sip_config', 'smc_keys', 'system_extensions', 'time_machine_backups',
  'time_machine_destinations', 'unified_log', 'user_interaction_events', 'virtual_memory_info', 'wifi_networks',
  'wifi_status', 'wifi_survey', 'xprotect_entries', 'xprotect_meta', 'xprotect_reports',
]);

export function isWindowsOnlyTable(table: string): boolean {
  return WINDOWS_ONLY.has(table) || WINDOWS_PREFIXES.some((p) => table.startsWith(p));
}

export function isMacosOnlyTable(table: string): boolean {
  return MACOS_ONLY.has(table);
}

/**
 * Where one use of a query can run: a Windows-only (macOS-only) table, or a rule for Windows (macOS) alone, decides;
 * anything else is a Linux query.
 */
export function queryPlatform(tables: string[], rulePlatforms: Platform[]): Platform {
  if (tables.some(isWindowsOnlyTable)) return 'windows';
  if (tables.some(isMacosOnlyTable)) return 'macos';
  const only = rulePlatforms.length === 1 ? rulePlatforms[0] : undefined;
  if (only === 'windows' || only === 'macos') return only;
  return 'linux';
}

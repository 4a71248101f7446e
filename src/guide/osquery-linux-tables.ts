/**
 * Tables osqueryi 5.x offers on Linux: the native tables its Linux build compiles in (platform-independent specs plus
 * those marked for linux: linux/, posix/, linwin/, sleuthkit/, yara/, smart/ and the cross-platform ones), including
 * the evented tables and the AWS / dpkg ones a default Linux build has. Names that came and went within 5.x are kept,
 * so a guide written for any 5.x release passes. Whether a table is safe to run is the guard's business, not this list's
 * (carves, curl and curl_certificate are real tables and are listed).
 */
export const OSQUERY_LINUX_TABLES: ReadonlySet<string> = new Set([
  // platform-independent
  'ai_agent_skills', 'azure_instance_metadata', 'azure_instance_tags', 'carbon_black_info', 'carves', 'certificates',
  'chrome_extension_content_scripts', 'chrome_extensions', 'chrome_search_engines', 'cpuid', 'curl', 'curl_certificate',
  'etc_hosts', 'etc_protocols', 'etc_services', 'file', 'firefox_addons', 'groups', 'hash', 'interface_addresses',
  'interface_details', 'java_packages', 'listening_ports', 'logged_in_users', 'memory_devices', 'npm_packages',
  'os_version', 'osquery_events', 'osquery_extensions', 'osquery_flags', 'osquery_info', 'osquery_packs',
  'osquery_registry', 'osquery_schedule', 'platform_info', 'process_memory_map', 'process_open_sockets', 'processes',
  'python_packages', 'routes', 'ssh_configs', 'startup_items', 'system_info', 'time', 'uptime', 'user_ssh_keys', 'users',
  'yara', 'yara_events', 'ycloud_instance_metadata',
  // cross-platform tables built for linux among others
  'arp_cache', 'cpu_info', 'gpu_info', 'jetbrains_plugins', 'kernel_info', 'secureboot', 'user_groups',
  'vscode_extensions', 'intel_me_info', 'device_file', 'device_hash', 'device_partitions', 'smart_drive_info',
  'ec2_instance_metadata', 'ec2_instance_tags',
  // linux/
  'apparmor_events', 'apparmor_profiles', 'apt_sources', 'bpf_process_events', 'bpf_socket_events', 'deb_packages',
  'deb_package_files', 'elf_dynamic', 'elf_info', 'elf_sections', 'elf_segments', 'elf_symbols', 'flatpak_packages',
  'iptables', 'kernel_integrity', 'kernel_keys', 'kernel_modules', 'lxd_certificates', 'lxd_cluster',
  'lxd_cluster_members', 'lxd_images', 'lxd_instance_config', 'lxd_instance_devices', 'lxd_instances', 'lxd_networks',
  'lxd_storage_pools', 'md_devices', 'md_drives', 'md_personalities', 'memory_info', 'memory_map', 'msr',
  'pacman_packages', 'portage_keywords', 'portage_packages', 'portage_use', 'process_file_events',
  'process_namespaces', 'process_open_pipes', 'rpm_package_files', 'rpm_packages', 'seccomp_events',
  'secureboot_certificates', 'selinux_events', 'selinux_settings', 'shadow', 'shared_memory', 'snap_packages',
  'syslog_events', 'systemd_units', 'yum_sources',
  // posix/
  'acpi_tables', 'atom_packages', 'augeas', 'authorized_keys', 'block_devices', 'cpu_time', 'crontab', 'disk_encryption',
  'dns_resolvers', 'docker_container_envs', 'docker_container_fs_changes', 'docker_container_labels',
  'docker_container_mounts', 'docker_container_networks', 'docker_container_ports', 'docker_container_processes',
  'docker_container_stats', 'docker_containers', 'docker_image_history', 'docker_image_labels', 'docker_image_layers',
  'docker_images', 'docker_info', 'docker_network_labels', 'docker_networks', 'docker_version',
  'docker_volume_labels', 'docker_volumes', 'extended_attributes', 'file_events', 'hardware_events',
  'homebrew_packages', 'interface_ipv6', 'known_hosts', 'last', 'load_average', 'magic',
  'memory_array_mapped_addresses', 'memory_arrays', 'memory_device_mapped_addresses', 'memory_error_info', 'mounts',
  'oem_strings', 'pci_devices', 'process_envs', 'process_events', 'process_open_files', 'prometheus_metrics',
  'shell_history', 'smbios_tables', 'socket_events', 'sudoers', 'suid_bin', 'system_controls', 'ulimit_info',
  'usb_devices', 'user_events',
]);

export function isOsqueryLinuxTable(name: string): boolean {
  return OSQUERY_LINUX_TABLES.has(name.toLowerCase());
}

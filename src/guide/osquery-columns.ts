/**
 * Result columns (spec order, as `SELECT *` returns them on Linux; hidden columns left out) of the osquery tables the
 * shipped queries read. Lint builds empty stand-ins of these tables in SQLite to learn each query's result columns and
 * check that its flags name real ones. Source: shared/reference/osquery-facts.md.
 */
export const OSQUERY_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  users: ['uid', 'gid', 'uid_signed', 'gid_signed', 'username', 'description', 'directory', 'shell', 'uuid'],
  groups: ['gid', 'gid_signed', 'groupname'],
  processes: [
    'pid', 'name', 'path', 'cmdline', 'state', 'cwd', 'root', 'uid', 'gid', 'euid', 'egid', 'suid', 'sgid', 'on_disk',
    'wired_size', 'resident_size', 'total_size', 'user_time', 'system_time', 'disk_bytes_read', 'disk_bytes_written',
    'start_time', 'parent', 'pgroup', 'threads', 'nice', 'cgroup_path',
  ],
  listening_ports: ['pid', 'port', 'protocol', 'family', 'address', 'fd', 'socket', 'path', 'net_namespace'],
  process_open_sockets: [
    'pid', 'fd', 'socket', 'family', 'protocol', 'local_address', 'remote_address', 'local_port', 'remote_port', 'path',
    'state', 'net_namespace',
  ],
  logged_in_users: ['type', 'user', 'tty', 'host', 'time', 'pid'],
  crontab: ['event', 'minute', 'hour', 'day_of_month', 'month', 'day_of_week', 'command', 'path'],
  file: [
    'path', 'directory', 'filename', 'inode', 'uid', 'gid', 'mode', 'device', 'size', 'block_size', 'atime', 'mtime',
    'ctime', 'btime', 'hard_links', 'symlink', 'type', 'symlink_target_path',
  ],
  hash: ['path', 'directory', 'md5', 'sha1', 'sha256'],
  extended_attributes: ['path', 'directory', 'key', 'value', 'base64'],
  kernel_modules: ['name', 'size', 'used_by', 'status', 'address'],
  system_info: [
    'hostname', 'uuid', 'cpu_type', 'cpu_subtype', 'cpu_brand', 'cpu_physical_cores', 'cpu_logical_cores', 'cpu_sockets',
    'cpu_microcode', 'physical_memory', 'hardware_vendor', 'hardware_model', 'hardware_version', 'hardware_serial',
    'board_vendor', 'board_model', 'board_version', 'board_serial', 'computer_name', 'local_hostname',
  ],
  os_version: ['name', 'version', 'major', 'minor', 'patch', 'build', 'platform', 'platform_like', 'codename', 'arch'],
  uptime: ['days', 'hours', 'minutes', 'seconds', 'total_seconds'],
  process_open_files: ['pid', 'fd', 'path'],
  process_memory_map: ['pid', 'start', 'end', 'permissions', 'offset', 'device', 'inode', 'path', 'pseudo'],
  shell_history: ['uid', 'time', 'command', 'history_file'],
  authorized_keys: ['uid', 'algorithm', 'key', 'options', 'comment', 'key_file'],
  last: ['username', 'tty', 'pid', 'type', 'type_name', 'time', 'host'],
  suid_bin: ['path', 'username', 'groupname', 'permissions'],
  mounts: [
    'device', 'device_alias', 'path', 'type', 'blocks_size', 'blocks', 'blocks_free', 'blocks_available', 'inodes',
    'inodes_free', 'flags',
  ],
  systemd_units: [
    'id', 'description', 'load_state', 'active_state', 'sub_state', 'unit_file_state', 'following', 'object_path',
    'job_id', 'job_type', 'job_path', 'fragment_path', 'user', 'source_path',
  ],
};

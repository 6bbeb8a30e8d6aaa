import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The example lives inside the library's repository: its own folder is the root, not the
  // repository's (which has a lockfile of its own).
  turbopack: { root: import.meta.dirname },
  outputFileTracingRoot: import.meta.dirname,
};

export default nextConfig;

import type { StorybookConfig } from '@storybook/react-vite';
import type { PluginOption } from 'vite';

/** Plugins of the library build (bundled types, the emitted theme file) that a Storybook build must not run. */
const LIBRARY_BUILD_PLUGINS = /dts|emit-theme-css/;

function withoutLibraryPlugins(plugins: PluginOption[] | undefined): PluginOption[] {
  return (plugins ?? []).flat(Infinity as 1).filter((plugin) => {
    const name = plugin && typeof plugin === 'object' && 'name' in plugin ? String(plugin.name) : '';
    return !LIBRARY_BUILD_PLUGINS.test(name);
  });
}

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest', 'msw-storybook-addon'],
  // The MSW worker script lives here; the library build never copies it.
  staticDirs: ['../public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true, enableCrashReports: false },
  typescript: { reactDocgen: 'react-docgen-typescript' },
  // Storybook reads the repository's vite.config.ts; its library mode (`build.lib`, externals,
  // bundled .d.ts) is for publishing, not for a static site of stories.
  viteFinal(viteConfig) {
    const { lib: _lib, rolldownOptions: _rolldown, ...build } = (viteConfig.build ?? {}) as NonNullable<typeof viteConfig.build> & {
      rolldownOptions?: unknown;
    };
    return {
      ...viteConfig,
      plugins: withoutLibraryPlugins(viteConfig.plugins),
      build: { ...build, copyPublicDir: true },
    };
  },
};

export default config;

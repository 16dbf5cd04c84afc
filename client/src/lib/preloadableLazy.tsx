import { type ComponentType, lazy } from 'react';

/**
 * A lazily loaded component that can also be loaded ahead of its first render, and is then drawn
 * at once, without suspending. React's `lazy` suspends on its first render even when the chunk has
 * already arrived: for a page the server has drawn (client/src/ssr), that would swap its view for
 * a loading message and back. Once `preload()` has resolved, `Component` renders the module's
 * component directly; before, it is an ordinary `lazy` (loading it once: both share one import).
 */
export function preloadableLazy<Props extends object>(
  load: () => Promise<{ default: ComponentType<Props> }>,
): { Component: ComponentType<Props>; preload: () => Promise<void> } {
  let loaded: ComponentType<Props> | undefined;
  let loading: Promise<void> | undefined;
  const preload = () => {
    loading ??= load().then((module) => {
      loaded = module.default;
    });
    return loading;
  };
  const Lazy = lazy(() => preload().then(() => ({ default: loaded as ComponentType<Props> })));
  // biome-ignore lint/correctness/noComponentHookFactories: called once per page module, at module level, like `lazy`
  function Component(props: Props) {
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return { Component, preload };
}

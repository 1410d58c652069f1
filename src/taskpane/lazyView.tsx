import * as React from "react";

/** A view component whose code is its own bundle chunk, fetched on first use or by `preload()`. */
export interface LazyView<P extends object> {
  (props: P): React.JSX.Element;
  /** Starts fetching the chunk (once); resolves when the view can render without suspending. */
  preload(): Promise<void>;
  /** The component once its chunk has arrived. */
  loaded(): React.ComponentType<P> | undefined;
}

/**
 * Like `React.lazy`, except that a view whose chunk has already arrived renders at once: React.lazy
 * suspends on every component's first render even when its module is loaded, which would flash the
 * fallback on every tab the pane had prefetched. Must be rendered inside a `<React.Suspense>`.
 */
export function lazyView<P extends object>(load: () => Promise<React.ComponentType<P>>): LazyView<P> {
  let component: React.ComponentType<P> | undefined;
  let loading: Promise<void> | undefined;

  function preload(): Promise<void> {
    loading ??= load().then(
      (loaded) => {
        component = loaded;
      },
      (error: unknown) => {
        // A chunk that failed to load (the network dropped) is fetched again on the next attempt.
        loading = undefined;
        throw error;
      },
    );
    return loading;
  }

  function View(props: P): React.JSX.Element {
    if (component === undefined) throw preload();
    const Loaded = component;
    return <Loaded {...props} />;
  }
  View.preload = preload;
  View.loaded = () => component;
  return View;
}

/**
 * The view's component once loaded, else null (and the load starts while `wanted`): for parts that
 * have something to show meanwhile and must not suspend the tree around them.
 */
export function useLazyComponent<P extends object>(view: LazyView<P>, wanted: boolean): React.ComponentType<P> | null {
  const [, setArrived] = React.useState(false);
  const component = view.loaded();
  React.useEffect(() => {
    if (!wanted || component !== undefined) return;
    let current = true;
    view.preload().then(
      () => current && setArrived(true),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [view, wanted, component]);
  return component ?? null;
}

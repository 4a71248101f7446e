import type { ReactNode } from 'react';
import { needsPicker } from './app-state.js';
import { ExportScreen } from './export/ExportScreen.js';
import { Failed, Message, ScreenGuard } from './MessageScreens.js';
import { AlertPicker } from './picker/AlertPicker.js';
import { TriageScreen } from './triage/TriageScreen.js';
import { useApp, type AppDeps } from './use-app.js';
import type { TriageStore } from './controller.js';

/** The router: one screen at a time, and nothing else. */
export function App<S extends TriageStore>(deps: AppDeps<S>): ReactNode {
  const { route, controller, send, triageMemory } = useApp(deps);
  const quit = (code = 0): void => send({ type: 'quit', code });
  return (
    <ScreenGuard key={route.screen} onQuit={() => quit(1)}>
      {screen()}
    </ScreenGuard>
  );

  function screen(): ReactNode {
    switch (route.screen) {
      case 'picker':
        return <AlertPicker alerts={deps.alerts} isActive onEffect={(e) => (e.kind === 'open' ? send({ type: 'open', index: e.index }) : quit())} />;
      case 'opening':
        return <Message kind="opening" />;
      case 'failed':
        return <Failed message={route.message} canGoBack={needsPicker(deps.alerts)} onBack={() => send({ type: 'back' })} onQuit={() => quit(2)} />;
      case 'triage':
        return controller ? <TriageScreen controller={controller} isActive memory={triageMemory} onExport={() => send({ type: 'export' })} onQuit={() => quit()} /> : null;
      case 'export':
        return controller ? <ExportScreen controller={controller} isActive onBack={() => send({ type: 'export-done' })} onQuit={() => quit()} /> : null;
      case 'closing':
        return <Message kind="closing" />;
    }
  }
}

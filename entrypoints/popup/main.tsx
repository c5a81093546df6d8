import { render } from 'preact';
import { PopupApp, startLoading } from '../../components/popup/PopupApp';
import { preloadSettings } from '../../components/useSettings';
import '../../components/theme.css';
import '../../components/entity.css';
import './popup.css';

void startLoading().catch(() => undefined);
preloadSettings();
render(<PopupApp />, document.getElementById('app')!);

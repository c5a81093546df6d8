import { render } from 'preact';
import { LibraryApp } from '../../components/library/LibraryApp';
import { preloadSettings } from '../../components/useSettings';
import '../../components/theme.css';
import '../../components/entity.css';
import '../../components/library/library.css';

preloadSettings();
render(<LibraryApp />, document.getElementById('app')!);

/** index.html: the app. App.vue completes the SMART launch before anything reads the URL. */
import { createApp } from 'vue';
import App from './App.vue';
import './styles.css';

createApp(App).mount('#app');

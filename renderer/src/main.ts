import './lesson/zod-jitless'; // first: before any zod schema is built (CSP, no eval)
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './app/App.vue';
// After the components: one stylesheet for the first screen (one request fewer), in the order the
// two files had (the components' rules, then these, which win a tie as before).
import './app/first-screen.css';

createApp(App).use(createPinia()).mount('#app');

import './lesson/zod-jitless'; // first: before any zod schema is built (CSP, no eval)
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './app/App.vue';

createApp(App).use(createPinia()).mount('#app');

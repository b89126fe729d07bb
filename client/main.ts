import './zod-config';
import './app/mutua-app';

export * from './board-shape';
export * from './board-read';
export * from './board-ops';
export * from './board-repair';
export * from './board-export';

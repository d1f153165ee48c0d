export * from './comment.js'

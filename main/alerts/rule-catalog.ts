export * from '../../shared/model/alert-rules';

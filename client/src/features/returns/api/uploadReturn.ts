import { type ReturnUploadResponse, returnUploadResponseSchema } from '@kpi/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiUploadFile } from '../../../lib/apiClient';
import { contentTypeFor } from '../uploadFile';
import { returnKeys } from './returnKeys';

/** Sends the file's bytes as the body; the server checks it and previews it, saving nothing else. */
export function uploadReturn(file: File): Promise<ReturnUploadResponse> {
  const contentType = contentTypeFor(file.name);
  if (!contentType) throw new Error(`Not a return file: ${file.name}`);
  return apiUploadFile(
    `/api/returns/uploads?${new URLSearchParams({ fileName: file.name })}`,
    returnUploadResponseSchema,
    file,
    contentType,
  );
}

/** Uploads a file; the answer is the upload's page, so it goes straight into that page's cache. */
export function useUploadReturn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadReturn,
    onSuccess: (response) => {
      queryClient.setQueryData(returnKeys.upload(response.upload.id), response);
      void queryClient.invalidateQueries({ queryKey: returnKeys.lists() });
    },
  });
}

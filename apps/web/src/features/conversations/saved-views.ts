import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { SavedViewCountsDto, SavedViewDto, type CreateSavedViewBody, type UpdateSavedViewBody } from "@atende/shared";
import { api } from "../../api/client.js";

export const savedViewKeys = {
  all: ["saved-views"] as const,
  // Under "conversations": whatever refreshes the lists and their counts refreshes these too.
  counts: ["conversations", "saved-view-counts"] as const,
};

/** The agent's own saved views and the workspace's shared ones, by name. */
export function useSavedViews() {
  return useQuery({
    queryKey: savedViewKeys.all,
    queryFn: ({ signal }) => api(z.array(SavedViewDto), "/views", { signal }),
    staleTime: 30_000,
  });
}

/** How many conversations each saved view holds now (nothing is asked while there are none). */
export function useSavedViewCounts(enabled: boolean) {
  return useQuery({
    queryKey: savedViewKeys.counts,
    queryFn: ({ signal }) => api(SavedViewCountsDto, "/views/counts", { signal }),
    enabled,
  });
}

/** Saving, changing and deleting saved views; the list and the counts follow. */
export function useSavedViewChanges() {
  const client = useQueryClient();
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: savedViewKeys.all }), client.invalidateQueries({ queryKey: savedViewKeys.counts })]);
  const create = useMutation({
    mutationFn: (body: CreateSavedViewBody) => api(SavedViewDto, "/views", { method: "POST", body }),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdateSavedViewBody }) => api(SavedViewDto, `/views/${id}`, { method: "PATCH", body: changes }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api(z.null(), `/views/${id}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
  return { create, update, remove };
}
